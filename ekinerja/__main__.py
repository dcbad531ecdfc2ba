from ekinerja.cli import main

raise SystemExit(main())
