"""The analyses as the API asks them: check arguments, fetch a bounded neighbourhood, run."""
