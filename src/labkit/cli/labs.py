"""Lab commands (lab new/check/plan, build, demo, report) are added with the lab module."""
