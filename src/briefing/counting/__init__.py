"""The codebook's counting rules over the tables, which more than one part of the content reads:
the restrictions that count and each jurisdiction's firsts, China's measures and the rows they
answer. Below the chapters and the charts, above the data."""
