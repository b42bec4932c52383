// replaced by the metrology engine
