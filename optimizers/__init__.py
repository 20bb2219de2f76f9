"""NumPy implementations of gradient-descent optimizers, with torch.optim's names.

>>> import numpy as np
>>> from optimizers import Adam
>>> params = {"w": np.array([1.0, -2.0])}
>>> Adam(lr=0.1).update(params, {"w": np.array([0.5, 0.5])})["w"]
array([ 0.9, -2.1])
"""

from .adagrad import AdaDelta, AdaGrad, RMSProp
from .adam import Adam, AdamW
from .base import Optimizer
from .problems import PROBLEMS
from .registry import GROUPS, OPTIMIZERS, PLANAR
from .runner import History, run
from .sgd import NAG, SGD, Momentum
from . import schedules  # torch.optim.lr_scheduler's schedules: optimizers.schedules.CosineAnnealingLR, ...

from .adam_variants import Adamax, NAdam, RAdam
from .adafactor import Adafactor
from .muon import Muon
from .lion import Lion
from .schedulefree import AdamWScheduleFree, SGDScheduleFree

__version__ = "0.1.0"

__all__ = ["Optimizer", "SGD", "Momentum", "NAG", "AdaGrad", "RMSProp", "AdaDelta", "Adam",
           "AdamW", "Adamax", "NAdam", "RAdam", "Adafactor", "Muon", "OPTIMIZERS", "GROUPS", "PLANAR", "PROBLEMS", "History", "run"]
__all__ += ["Lion", "SGDScheduleFree", "AdamWScheduleFree"]
