"""Alembic environment for the shop example: the database URL comes from
DATABASE_URL, falling back to sqlalchemy.url in alembic.ini."""
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

database_url = os.environ.get("DATABASE_URL")
if database_url:
    # ConfigParser treats % as interpolation; escape it in passwords.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))

# The example has no models; migrations are written by hand.
target_metadata = None


def run_migrations_offline() -> None:
    """Emit SQL to stdout (alembic upgrade --sql) without a database."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # One transaction per revision, so a failure leaves the database at
            # the last revision that completed.
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
