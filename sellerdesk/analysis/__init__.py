"""Pure analysis of appeal texts and replies. Knows no Django.

- `classify`: the kind of problem and the platform's category/topic (a trained linear model).
- `split`: one description holding several problems.
- `compose`: the appeal's subject and body from the wizard's fields, in the platform's language.
- `lint`: findings and a readiness score.
- `similar`: text signatures for the duplicate guard.
- `appeal`: all of it at once, as the wizard, the API and `sellerdesk lint` use it.
"""


def warm_up() -> None:
    """Load the Russian and Chinese dictionaries and the kind model (about a second, once per process)."""
    from sellerdesk.analysis import classify
    from sellerdesk.language import morph

    morph.warm_up()
    try:
        classify.classify("Пропал товар на складе; 钱没到账")
    except classify.ModelMissing:
        pass  # the wizard says so when it is used; serving the journal does not need the model
