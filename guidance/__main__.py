"""Allow ``python -m guidance``."""

from guidance.cli import main

raise SystemExit(main())
