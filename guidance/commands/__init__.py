"""Subcommand groups of the ``guidance`` CLI. Each module has ``register(subparsers)``.

Keep the heavy imports inside the handlers so ``guidance --help`` and scripted calls stay fast.
"""

COMMAND_MODULES = [
    "guidance.commands.content",
    "guidance.commands.show",
    "guidance.commands.rates",
    "guidance.commands.flow",
    "guidance.commands.calc",
    "guidance.commands.search",
    "guidance.commands.letter",
    "guidance.commands.db",
    "guidance.commands.review",
    "guidance.commands.records",
    "guidance.commands.serve",
    "guidance.commands.account",
]
