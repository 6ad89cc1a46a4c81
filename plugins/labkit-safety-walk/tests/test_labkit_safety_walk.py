from labkit.testing import PluginTests


class TestSafetyWalk(PluginTests):
    distribution = "labkit-safety-walk"
