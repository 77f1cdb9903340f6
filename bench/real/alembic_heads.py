#!/usr/bin/env python3
"""Prints the heads real Alembic computes for one ini section, one per line.

Usage: alembic_heads.py ALEMBIC_INI SECTION

Alembic imports every revision file to read its metadata, and real revision files
import their application (models, helpers, settings). Those imports are answered
with stub modules, so only Alembic's own graph logic decides the heads. The
project's folders are put on sys.path first, so a package named in a
`package:path` script_location is the project's own.
"""

import builtins
import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from pathlib import Path


class Stub(types.ModuleType):
    """A module, class, function and value at once: whatever the revision asks of it."""

    __path__ = []  # a package, so `from app.models import X` finds submodules too

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stub(f"{self.__name__}.{name}")

    def __call__(self, *args, **kwargs):
        return Stub(f"{self.__name__}()")

    def __getitem__(self, key):
        return Stub(f"{self.__name__}[]")

    def __mro_entries__(self, bases):
        return (object,)

    def __iter__(self):
        return iter(())

    def __or__(self, other):
        return self

    __ror__ = __or__


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """First on sys.meta_path: the application's modules are stubs, whether or not
    the project's copy holds their code (running it needs the application's
    settings, services and dependencies).

    The standard library and installed libraries are never stubbed: they try
    optional modules (`sqlalchemy.cimmutabledict`) and must see ImportError. Nor is
    the package a `package:path` script_location names, which Alembic imports to
    find its folder.
    """

    def __init__(self, library_paths, keep):
        self.library_paths = library_paths
        self.keep = keep

    def find_spec(self, fullname, path, target=None):
        top = fullname.partition(".")[0]
        if top in sys.stdlib_module_names or top in self.keep or \
                importlib.machinery.PathFinder.find_spec(top, self.library_paths):
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return Stub(spec.name)

    def exec_module(self, module):
        pass


def tolerate_newer_names(module_names):
    """Debian's SQLAlchemy is 1.4: a revision written for 2.0 (`sa.Uuid`) gets a stub."""
    for name in module_names:
        module = importlib.import_module(name)
        module.__getattr__ = lambda attr, _name=name: Stub(f"{_name}.{attr}")


def heads_of(config, attempts=50):
    """The heads, giving each global name a revision uses but never defines a stub.

    `from app.models import *` from a stub defines nothing, so the names it
    would have brought in are added to builtins one NameError at a time.
    """
    from alembic.script import ScriptDirectory

    for _ in range(attempts):
        try:
            return ScriptDirectory.from_config(config).get_heads()
        except NameError as error:
            if not error.name or hasattr(builtins, error.name):
                raise
            setattr(builtins, error.name, Stub(error.name))
    raise RuntimeError("too many undefined names")


def main():
    ini, section = Path(sys.argv[1]).resolve(), sys.argv[2]
    library_paths = list(sys.path)
    for folder in [ini.parent, *ini.parent.parents][:6]:
        sys.path.append(str(folder))
    tolerate_newer_names(["sqlalchemy", "sqlalchemy.dialects.postgresql", "sqlalchemy.orm",
                          "sqlalchemy.sql", "sqlalchemy.types"])
    from alembic.config import Config

    config = Config(str(ini), ini_section=section)
    if not config.get_main_option("script_location"):
        # Flask-Migrate's ini has none: Flask-Migrate passes the ini's folder.
        config.set_main_option("script_location", str(ini.parent))
    package, colon, _ = config.get_main_option("script_location").partition(":")
    keep = {package.partition(".")[0]} if colon and "/" not in package else set()
    sys.meta_path.insert(0, StubFinder(library_paths, keep))
    # What the kept package's copy lacks is stubbed as well.
    sys.meta_path.append(StubFinder(library_paths, set()))
    for head in heads_of(config):
        print(head)


if __name__ == "__main__":
    main()
