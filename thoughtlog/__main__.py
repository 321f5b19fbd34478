"""Run thoughtlog as `python -m thoughtlog`."""

from thoughtlog.cli import main

main()
