"""Pure analysis of appeal texts and replies. Knows no Django.

- `classify`: the kind of problem and the platform's category/topic (a trained linear model).
- `split`: one description holding several problems.
- `compose`: the appeal's subject and body from the wizard's fields, in the platform's language.
- `lint`: findings and a readiness score.
- `similar`: text signatures for the duplicate guard.
- `appeal`: all of it at once, as the wizard, the API and `sellerdesk lint` use it.
"""
