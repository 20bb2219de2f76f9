"""Adafactor's pros: "saves memory" (by definition, the bytes measured) "at little cost" (an experiment).

The cost is measured on the data experiments' MLP on digits, against AdamW, each at its own tuned lr: AdamW's
runs are those of the study ``data-mlp`` (``scripts/study_data.py``); Adafactor goes through the very same
protocol (``tune_then_seeds``: the same grid grown past any wall, tuned on the tuning seed, then run on every
seed of ``SEEDS``), so both have the same grid, budget and seeds.
"""

from __future__ import annotations

from optimizers.problems import datasets as D

from ..studies import study_result
from ..study_data import MLP_GRID, MLP_SETTINGS, SEEDS, single_threaded, tune_then_seeds, tuning_record
from . import Claim, DEF_TRUE, claim
from .state_memory import memory_facts

#: "little cost": Adafactor's test accuracy is at most this far below AdamW's on the same seed (1 percentage point)
COST_ACC = 0.01

claim(Claim("adafactor_memory", "Adafactor", "pro", definition=DEF_TRUE, facts=memory_facts))


@single_threaded
def cost_runs() -> list[dict]:
    data = D.load("digits")
    s = MLP_SETTINGS
    model = D.MLP(s["sizes"], s["activation"])
    init = lambda seeds: model.init(seeds, scheme=s["init"])      # noqa: E731
    t = tune_then_seeds(model, data, "Adafactor", MLP_GRID, epochs=s["epochs"], batch_size=s["batch_size"],
                        init=init, curves=False)
    ref = study_result("data-mlp")
    tuning = [{**ref["tuning"]["AdamW"], "what": "lr AdamW (digits)"},
              {**tuning_record(t), "what": "lr Adafactor (digits)"}]
    out = []
    for k, seed in enumerate(SEEDS):
        out.append({"data": "digits", "seed": seed, "lr_kind": "tuned",
                    "lr": t["tuned_lr"], "lr_adamw": ref["tuning"]["AdamW"]["value"],
                    "acc": float(t["test_acc"][-1, k]), "acc_adamw": float(ref["tuned_test_acc"]["AdamW"][k]),
                    "loss": float(t["final_loss"][-1, k]), "loss_adamw": float(ref["tuned_final_loss"]["AdamW"][k]),
                    "applies": not (bool(t["diverged"][-1, k]) or t["edge"] or ref["tuning"]["AdamW"]["edge"]),
                    "tuning": tuning})
    return out


def little_cost(s: dict) -> bool:
    return s["acc"] >= s["acc_adamw"] - COST_ACC - 1e-12


claim(Claim("adafactor_cost", "Adafactor", "pro", cost_runs, little_cost,
            {"margin": COST_ACC, "n_seeds": len(SEEDS), "epochs": MLP_SETTINGS["epochs"],
             "batch_size": MLP_SETTINGS["batch_size"], "sizes": "-".join(map(str, MLP_SETTINGS["sizes"])),
             "n_grid": len(MLP_GRID), "grid_lo": float(MLP_GRID[0]), "grid_hi": float(MLP_GRID[-1])},
            evidence="experiments/mlp.md"))
