"""Excel in and out: reading workbooks into clean tables, and (later) mapping and writing.

``pmodesk.exchange.reading`` turns a file into typed tables with their provenance;
nothing in this package writes to the workspace by itself.
"""
