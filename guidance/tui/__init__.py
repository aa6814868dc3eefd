"""The Textual app. The only package that may import Textual; it calls the headless core."""
