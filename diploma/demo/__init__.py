"""The demo data set that `manage.py load_demo` writes: two programmes, their people and work."""
