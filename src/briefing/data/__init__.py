"""Stage 1, the data: tables declared in data/datapackage.json, loaded validated, typed and cut at an edition date."""
