"""Run thoughtlog as `python -m thoughtlog`."""

from thoughtlog.launch import main

main()
