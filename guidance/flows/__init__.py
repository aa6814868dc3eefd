"""Decision flows: the file format, the loader, the static checker and the engine that runs them."""
