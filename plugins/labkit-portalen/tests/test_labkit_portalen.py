from labkit.testing import PluginTests


class TestPortalen(PluginTests):
    distribution = "labkit-portalen"
