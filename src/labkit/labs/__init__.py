"""Labs: checking a lab file, its plan, partner checklists, builds, method versions and new lab files."""
