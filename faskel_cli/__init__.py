"""faskel: a command-line logbook for Fasilitator Kelurahan."""

__version__ = "0.1.0"
