from labkit.testing import PluginTests


class TestBid(PluginTests):
    distribution = "labkit-bid"
