"""The application layer: making documents from methods and labs with the installed plugins.

``render`` makes one document of any kind, ``plan`` says which documents a method or a lab gets (every
installed generator that takes it), and ``batch`` makes many on all cores. ``labkit.labs.build`` and the command
line are built on these.
"""
