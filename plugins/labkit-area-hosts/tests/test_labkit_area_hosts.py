from labkit.testing import PluginTests


class TestAreaHosts(PluginTests):
    distribution = "labkit-area-hosts"
