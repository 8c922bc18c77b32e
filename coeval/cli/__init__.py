"""The ``coeval`` command line.

``__main__`` parses arguments and maps errors to exit codes; ``main`` has one plain
function per command, taking explicit arguments, so each command can be called from
Python or tests without the parser.

Exit codes (also in docs/cli.md):

- 0: success
- 1: an unexpected internal error (a bug: please report it, with ``--traceback``)
- 2: usage error: an unknown option, a missing argument, a bad option value
- 3: bad input: the data or specification is wrong (missing column, negative count...)
- 4: a file cannot be read or written
"""

OK = 0
INTERNAL_ERROR = 1
USAGE_ERROR = 2
INPUT_ERROR = 3
FILE_ERROR = 4
