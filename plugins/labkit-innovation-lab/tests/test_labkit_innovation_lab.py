from labkit.testing import PluginTests


class TestInnovationLab(PluginTests):
    distribution = "labkit-innovation-lab"
