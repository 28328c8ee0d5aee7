"""``python -m tscomplex`` runs the command line."""

from tscomplex.cli import main

if __name__ == "__main__":
    main(prog_name="tscomplex")
