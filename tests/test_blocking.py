"""Large parameters are updated block by block (for speed); the result must not change."""

import numpy as np
import pytest

from optimizers import OPTIMIZERS


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_blocked_update_equals_whole_update(name, dtype):
    rng = np.random.default_rng(0)
    shape = (300, 1000)                      # 3e5 elements: more than 2 blocks
    p0 = rng.standard_normal(shape).astype(dtype)
    whole, blocked = OPTIMIZERS[name](), OPTIMIZERS[name]()
    whole.BLOCK = 10**9                      # never split
    blocked.BLOCK = 4096                     # many blocks, and a ragged last one
    pw, pb = p0.copy(), p0.copy()
    for opt, p in ((whole, pw), (blocked, pb)):
        if hasattr(opt, "train"):            # schedule-free: steps are taken in train mode, as the reference's
            opt.train({"w": p})
    for _ in range(3):
        g = rng.standard_normal(shape).astype(dtype)
        whole.update({"w": pw}, {"w": g})
        blocked.update({"w": pb}, {"w": g})
    np.testing.assert_array_equal(pw, pb)
    for key, value in whole.state["w"].items():
        np.testing.assert_array_equal(value, blocked.state["w"][key])
    assert pb.dtype == dtype


def test_non_contiguous_parameter_is_updated_in_place():
    from optimizers import Adam
    base = np.zeros((600, 600))
    view = base[:, ::2]                      # not contiguous: must not be copied by reshape
    opt = Adam(lr=0.1)
    opt.BLOCK = 1024
    opt.update({"w": view}, {"w": np.ones(view.shape)})
    assert np.allclose(base[:, ::2], -0.1) and np.all(base[:, 1::2] == 0)
