"""Which columns of a table are series and which one is the time axis, checked with messages that name them."""

from __future__ import annotations

from .errors import InputError
from .times import is_datetime

#: Names that make a column the time axis when none is given (compared in lower case).
TIME_COLUMN_NAMES = ("time", "t")


class _Wanted(frozenset):
    """Column names to parse: the chosen ones, and any column that may be the time axis."""

    def __contains__(self, name) -> bool:
        return frozenset.__contains__(self, name) or (isinstance(name, str) and name.lower() in TIME_COLUMN_NAMES)


def _wanted(columns, *extra):
    """The columns a reader must parse, or None for all of them."""
    if not columns:
        return None
    return _Wanted(set(columns) | {e for e in extra if e})


def _choose_columns(table: dict, names_in_order: list, columns, time_column):
    """(series column names, time column or None) after checking they exist and are numeric."""
    if not names_in_order:
        raise InputError("no columns found")
    if time_column is not None:
        if time_column not in table:
            raise InputError(f"time column {time_column!r} not found; columns are: {', '.join(names_in_order)}")
    else:  # a column named time or t is the time axis, also when -c picks other columns; else a date-time one
        for name in names_in_order:
            if (name.lower() in TIME_COLUMN_NAMES and table.get(name) is not None and len(names_in_order) > 1
                    and not (columns and name in columns)):
                time_column = name
                break
        else:
            time_column = next((n for n in names_in_order if is_datetime(table.get(n))), None)
    if time_column is not None and table.get(time_column) is None:
        raise InputError(f"time column {time_column!r} is neither numbers nor ISO 8601 date-times")
    if columns:
        missing = [c for c in columns if c not in table]
        if missing:
            raise InputError(f"column {missing[0]!r} not found; columns are: {', '.join(names_in_order)}")
        chosen = list(dict.fromkeys(columns))  # -c x -c x is one series, not two identical records
        for name in chosen:
            if is_datetime(table[name]):
                raise InputError(f"column {name!r} holds date-times; it can be the time axis "
                                 f'(time_column="{name}"), not a series')
            if table[name] is None:
                others = [n for n in names_in_order if n != name]
                raise InputError(f"column {name!r} is not numeric; " + (
                    f"other columns are: {', '.join(others)}" if others else "the file has no other column"))
    else:
        chosen = [c for c in names_in_order if c != time_column and table.get(c) is not None
                  and not is_datetime(table.get(c))]
        if not chosen:
            raise InputError("no numeric column found")
    return chosen, time_column
