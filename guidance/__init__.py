"""guidance: help for direct-payment employers and the officers who advise them.

The core packages are headless. Only ``guidance.tui`` may import Textual, so the CLI and
scripts start fast and the core can be reused anywhere.
"""

__version__ = "0.1.0"
