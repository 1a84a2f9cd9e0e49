"""Publishing a release up to the network boundary: its metadata (DataCite, Zenodo), its release notes, the
folder a tag push publishes, and the Zenodo deposit (dry run, sandbox or real). Needs the `publish` group."""
