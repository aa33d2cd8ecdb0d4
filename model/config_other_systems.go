package model

// validateOtherSystems checks the settings of EDCN, FinalMLP and DisenCTR
// (config.go), whatever the architecture, so a bad value is refused
// before it is used.
func (c Config) validateOtherSystems() error {
	if c.CrossLayers < 1 || c.CrossLayers > 8 {
		return errorf("cross_layers", "%d is out of range [1, 8]", c.CrossLayers)
	}
	if !(c.EDCNTemperature > 0 && c.EDCNTemperature <= 100) {
		return errorf("edcn_temperature", "%v is out of range (0, 100]", c.EDCNTemperature)
	}
	if c.FinalMLPHeads < 1 || c.FinalMLPHeads > 64 {
		return errorf("finalmlp_heads", "%d is out of range [1, 64]", c.FinalMLPHeads)
	}
	if c.Has("finalmlp") && len(c.Hidden) > 0 && c.Hidden[len(c.Hidden)-1]%c.FinalMLPHeads != 0 {
		return errorf("finalmlp_heads", "%d heads do not divide the MLP's last width %d", c.FinalMLPHeads, c.Hidden[len(c.Hidden)-1])
	}
	if c.Has("finalmlp") && len(c.Hidden) == 0 {
		return errorf("hidden", "FinalMLP needs at least one MLP layer")
	}
	if c.DisenChannels < 1 || c.DisenChannels > 64 {
		return errorf("disen_channels", "%d is out of range [1, 64]", c.DisenChannels)
	}
	if c.EmbeddingDim%c.DisenChannels != 0 {
		for _, in := range c.DeepInputs {
			if in == "disen" {
				return errorf("disen_channels", "%d channels do not divide the embedding size %d", c.DisenChannels, c.EmbeddingDim)
			}
		}
	}
	return nil
}

// fillOtherSystems gives a config written before EDCN, FinalMLP and
// DisenCTR existed (a checkpoint's) their defaults.
func (c *Config) fillOtherSystems() {
	d := DefaultConfig()
	if c.CrossLayers == 0 {
		c.CrossLayers = d.CrossLayers
	}
	if c.EDCNTemperature == 0 {
		c.EDCNTemperature = d.EDCNTemperature
	}
	if c.FinalMLPHeads == 0 {
		c.FinalMLPHeads = d.FinalMLPHeads
	}
	if c.DisenChannels == 0 {
		c.DisenChannels = d.DisenChannels
	}
}
