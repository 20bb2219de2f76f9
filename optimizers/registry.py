"""The one table every script, page and test loops over."""

from .adagrad import AdaDelta, AdaGrad, RMSProp
from .adam import Adam, AdamW
from .sgd import NAG, SGD, Momentum

#: name → class, in the order the site presents them (simplest first).
OPTIMIZERS = {cls.__name__: cls for cls in (SGD, Momentum, NAG, AdaGrad, RMSProp, AdaDelta, Adam, AdamW)}
