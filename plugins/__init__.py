"""Pelican plugins of the CCHC site generator, one package per concern."""
