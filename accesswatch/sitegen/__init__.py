"""Site generation: pages, feeds and downloads for MkDocs Material (see `build.build_site`)."""
