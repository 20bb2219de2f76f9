"""AdamW's pros and cons are judged on data: see ``claims/data.py``."""
