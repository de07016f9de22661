from tests.security.rules import DENY, OK, Rule, logged_in

COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}

RULES = {
    "office:home": Rule(expect=COORDINATORS),
}
