"""The build: experiments, figures and generated pages (run by mkdocs-gen-files)."""
