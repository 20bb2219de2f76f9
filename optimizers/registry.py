"""The one table every script, page and test loops over."""

from .adafactor import Adafactor
from .adagrad import AdaDelta, AdaGrad, RMSProp
from .adam import Adam, AdamW
from .adam_variants import Adamax, NAdam, RAdam
from .lion import Lion
from .muon import Muon
from .schedulefree import AdamWScheduleFree, SGDScheduleFree
from .sgd import NAG, SGD, Momentum

#: the rules of the textbooks (Deep Learning from Scratch, d2l), simplest first
CLASSICS = (SGD, Momentum, NAG, AdaGrad, RMSProp, AdaDelta, Adam, AdamW)
#: what a learner meets in a training script today: Adam's variants, then the newer ideas
MODERN = (Adamax, NAdam, RAdam, Adafactor, Lion, Muon, SGDScheduleFree, AdamWScheduleFree)

#: name → class, in the order the site presents them.
OPTIMIZERS = {cls.__name__: cls for cls in CLASSICS + MODERN}

#: the navigation's two groups: name → names
GROUPS = {"classic": tuple(cls.__name__ for cls in CLASSICS), "modern": tuple(cls.__name__ for cls in MODERN)}

#: the optimizers that can step a single point of a 2-D problem: all but the ones that take only matrices
#: (Muon orthogonalises a weight matrix's update, and a point (x, y) is not a matrix)
PLANAR = tuple(name for name, cls in OPTIMIZERS.items() if not cls.matrix_only)
