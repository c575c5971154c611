"""Make `identity_emulator` and `contract_check` importable for the tests below."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
