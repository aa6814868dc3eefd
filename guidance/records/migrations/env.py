"""Alembic runs migrations on the connection ``guidance.records.migrate`` hands it.

That connection already holds the write lock inside one transaction, so concurrent first opens
queue and a failed upgrade leaves nothing half-done (DDL is transactional on both engines).
"""

from alembic import context

from guidance.records.schema import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata)
context.run_migrations()
