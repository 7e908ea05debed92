/* recoupe - cross-check news coverage. Entry point; see cli/cli.h. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return rc_cli_main(argc, argv);
}
