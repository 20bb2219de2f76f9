"""What an optimizer keeps beside the parameters, counted from the package's own state arrays.

Used by the memory claims of Lion and Adafactor. These claims are true by the update rule (Lion keeps one
array the size of the parameter, Adam two, Adafactor a row and a column per matrix), so they are labelled
"true by definition"; the numbers quoted with them are nevertheless *measured*: one update of the MLP of the
data experiments, then the sizes of the arrays the optimizer created in ``opt.state``.
"""

from __future__ import annotations

import numpy as np

from optimizers import OPTIMIZERS
from optimizers.problems import datasets as D

from ..study_data import MLP_SETTINGS

#: the optimizers the memory facts compare
MEMORY_NAMES = ("Adam", "AdamW", "Lion", "Adafactor")


def _mlp_params() -> dict[str, np.ndarray]:
    """One run of the data experiments' MLP (no leading K axis), as the package trains it (float64)."""
    model = D.MLP(MLP_SETTINGS["sizes"], MLP_SETTINGS["activation"])
    return {k: v[0].copy() for k, v in model.init([0], scheme=MLP_SETTINGS["init"]).items()}


def state_counts(name: str) -> dict:
    """After one update: the numbers and bytes of ``name``'s state arrays on the MLP's weight matrices and on
    the whole network, and the names of the arrays it keeps for a matrix."""
    params = _mlp_params()
    grads = {k: np.random.default_rng(0).standard_normal(v.shape) for k, v in params.items()}
    opt = OPTIMIZERS[name]()
    opt.update(params, grads)
    matrices = [k for k, v in params.items() if v.ndim == 2]

    def arrays(keys):
        return [a for k in keys for a in opt.state[k].values() if isinstance(a, np.ndarray)]
    return {"matrix_numbers": sum(a.size for a in arrays(matrices)),
            "matrix_bytes": sum(a.nbytes for a in arrays(matrices)),
            "all_numbers": sum(a.size for a in arrays(params)),
            "all_bytes": sum(a.nbytes for a in arrays(params)),
            "matrix_params": sum(params[k].size for k in matrices),
            "matrix_shapes": ", ".join("×".join(map(str, params[k].shape)) for k in matrices),
            "matrix_arrays": ", ".join(k for k, a in opt.state[matrices[0]].items() if isinstance(a, np.ndarray)),
            "dtype_bytes": params[matrices[0]].itemsize}


def memory_facts() -> dict:
    """``<name>_matrix_bytes`` etc. for every name of MEMORY_NAMES, and the ratios the pages quote."""
    out: dict = {}
    for name in MEMORY_NAMES:
        for k, v in state_counts(name).items():
            out[f"{name}_{k}"] = v
    for name in ("Lion", "Adafactor"):
        out[f"{name}_share_of_adamw"] = out[f"{name}_matrix_bytes"] / out["AdamW_matrix_bytes"]
    out["matrix_params"] = out["AdamW_matrix_params"]
    # Adam → Adafactor on the matrices in two moves: no first moment (÷ 2), then the second moment factored
    out["factor_saving"] = out["matrix_params"] / out["Adafactor_matrix_numbers"]
    out["matrix_shapes"] = out["AdamW_matrix_shapes"]
    out["dtype_bytes"] = out["AdamW_dtype_bytes"]
    return out
