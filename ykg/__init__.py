"""ykg: explore the knowledge graph of Yamaguchi Prefecture's digital reform policy."""
from ykg.foundation.constants import VERSION

__version__ = VERSION
