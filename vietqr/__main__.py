"""Run the vietqr command line: `python -m vietqr`."""

from vietqr.cli import main

raise SystemExit(main())
