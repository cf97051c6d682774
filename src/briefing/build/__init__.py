"""The build: plan what must run (content keys), execute the notebooks, draw images, stage, render, swap in."""
