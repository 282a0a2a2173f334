"""govkg: a knowledge graph of Chinese local-government digitization.

``kg.model`` turns extraction results into graph rows, ``kg.loader`` decides what a batch of them
changes, ``kg.stores`` keeps them (embedded LadybugDB or Neo4j), ``kg.queries`` answers the canned
questions, ``kg.cli`` is the ``kg`` command.
"""

__version__ = "0.1.0"
