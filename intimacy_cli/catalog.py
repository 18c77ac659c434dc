"""Where question sets come from: the shipped ones (inside the package) and the person's own
(their question folder), found by id; and a list of them all.

Kept apart from bank.py (the model and the loader) so that naming a set can be checked before
the first question without importing the loader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from intimacy_cli.errors import BankError, Problem

if TYPE_CHECKING:
    from intimacy_cli.bank import Bank

# Beside this module, in the installed package. A plain path, not importlib.resources: that
# costs 3 ms of imports before the first question, and intimacy is never run from a zip.
SHIPPED_FOLDER = Path(__file__).parent / "questions"
SHIPPED_OWNER = "a shipped question set"


def shipped_ids() -> list[str]:
    return sorted(path.stem for path in SHIPPED_FOLDER.glob("*.yaml"))


def user_folder() -> Path:
    """Where a person keeps their own question files."""
    from intimacy_cli.places import home

    return home("config") / "questions"


def user_files() -> list[Path]:
    folder = user_folder()
    try:
        if not folder.is_dir():
            return []
        return sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml"))
    except OSError as error:
        raise BankError(
            [Problem(str(folder), 0, f"cannot read your question folder: {error.strerror}")]
        ) from None


def deferred(name: str) -> Callable[[], Bank]:
    """Check `name` now and return what loads its bank. Anything the person gave (a file, a
    set of their own) is read and checked at once, so a problem shows before any question; a
    shipped set, checked by the tests, is parsed only when needed, so the first question
    (who to reflect on) is on screen sooner."""
    if _is_path(name) or user_files():
        bank = load(name)
        return lambda: bank
    if not _shipped(name).is_file():
        raise _no_such_set(name, shipped_ids())
    return lambda: _load_shipped(name)


def _is_path(name: str) -> bool:
    return "/" in name or name.endswith((".yaml", ".yml"))


def _no_such_set(name: str, known: list[str]) -> BankError:
    where = user_folder()
    return BankError(
        [
            Problem(
                name,
                0,
                f"no such question set (known: {', '.join(known)}); a set of your own is found "
                f"by its id when its file is in {where}",
            )
        ]
    )


def load(name: str) -> Bank:
    """A bank by id (shipped, or one of the person's own), or a bank file by path (anything with
    a '/' or a .yaml ending)."""
    from intimacy_cli.bank import load_path

    if _is_path(name):
        return _not_posing(name, load_path(Path(name)))
    if not user_files():  # the common case: no need to read every bank
        if name in shipped_ids():
            return _load_shipped(name)
        raise _no_such_set(name, shipped_ids())
    banks, problems = everything()
    clashes = [p for p in problems if p.clash == name]
    if clashes and name in shipped_ids():
        # The shipped set still runs; the file that took its id is named, not obeyed.
        from intimacy_cli.streams import notice

        for clash in clashes:
            notice(f"note: {clash} (it was left out)")
    elif clashes:
        raise BankError(clashes)
    for bank in banks:
        if bank.id == name:
            return bank
    error = _no_such_set(name, [bank.id for bank in banks])
    raise BankError(error.problems + problems)


def _not_posing(name: str, bank: Bank) -> Bank:
    """A file run by its path may not take the id of a set found by id (shipped, or one of
    the person's own) unless it is that set: its results would be kept, compared and re-read
    as that set's."""
    if bank.id in shipped_ids():
        found, owner = _load_shipped(bank.id), SHIPPED_OWNER
    else:
        own = [b for b in everything()[0] if b.id == bank.id] if user_files() else []
        if not own:
            return bank
        found, owner = own[0], own[0].source
    if _content(bank) != _content(found):
        raise BankError([_clash(name, bank.id, owner)])
    return bank


def _content(bank: Bank) -> Bank:
    """The set itself, whichever file it was read from."""
    return bank._replace(shipped=False, source="")


def load_by_id(bank_id: str) -> Bank:
    """A bank named by a file someone else made: by id only, never a path."""
    from intimacy_cli import safetext
    from intimacy_cli.bank import is_id

    if not is_id(bank_id):
        raise BankError([Problem(safetext.clean(bank_id)[:40], 0, "is not a question set's id")])
    return load(bank_id)


def everything() -> tuple[list[Bank], list[Problem]]:
    """Every bank there is, shipped first, and the problems with the person's own files.

    A file of one's own that uses the id of a shipped set (or of another file) is a problem,
    never a silent override."""
    from intimacy_cli.bank import load_path

    banks = [_load_shipped(bank_id) for bank_id in shipped_ids()]
    owners = {bank.id: SHIPPED_OWNER for bank in banks}
    problems: list[Problem] = []
    for path in user_files():
        try:
            bank = load_path(path)
        except BankError as error:
            problems += error.problems
            continue
        if bank.id in owners:
            problems.append(_clash(str(path), bank.id, owners[bank.id]))
            continue
        owners[bank.id] = str(path)
        banks.append(bank)
    return banks, problems


def _clash(source: str, bank_id: str, owner: str) -> Problem:
    message = f"the id '{bank_id}' is already used by {owner}: give this file its own id"
    return Problem(source, 1, message, clash=bank_id)


def _load_shipped(bank_id: str) -> Bank:
    """A shipped set, from the JSON that the build wrote after checking its YAML file
    (hatch_build.py): no YAML parser, no checks at run time."""
    import json

    from intimacy_cli.bank import from_data

    data = json.loads(_shipped(bank_id).with_suffix(".json").read_text("utf-8"))
    return from_data(data)._replace(shipped=True)


def load_yaml_of_shipped(bank_id: str) -> Bank:
    """A shipped set read from its YAML file, as the build reads it (for the tests)."""
    from intimacy_cli.bank import load_bytes

    return load_bytes(_shipped(bank_id).read_bytes(), f"{bank_id}.yaml")


def _shipped(bank_id: str) -> Path:
    return SHIPPED_FOLDER / f"{bank_id}.yaml"
