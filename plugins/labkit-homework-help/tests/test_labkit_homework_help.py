from labkit.testing import PluginTests


class TestHomeworkHelp(PluginTests):
    distribution = "labkit-homework-help"
