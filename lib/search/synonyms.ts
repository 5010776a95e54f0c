/**
 * Words that members and documentation use for the same thing: common abbreviations of computing
 * terms ("dir", "k8s", "pw", "env var") and everyday words beside the ones command documentation
 * uses ("folder" / "directory", "get rid of" / "remove"). A query word that is in a group also looks
 * for the others, at a lower weight (index.ts); the index itself is unchanged.
 *
 * How this table was made (docs/search.md): written by hand, in one pass, as general-purpose
 * vocabulary of computing and of command-line documentation — abbreviations in everyday use, and
 * near-synonyms among the verbs and nouns that man pages and cheat sheets use — not from any
 * judged query's misses, and not edited after measuring. Single words only. Original work of this
 * project, under its licence (MIT).
 */
const GROUPS = `
directory dir dirs folder folders
kubernetes k8s kube
password passwd pw passphrase
environment env
variable var vars
repository repo repos
configuration config conf cfg settings
certificate cert certs
database db
image img picture pic pics photo photos
video vid vids movie clip
audio sound
package pkg pkgs
message msg
information info
application app apps program
authentication auth login
administrator admin
process proc processes
memory mem ram
processor cpu
temporary temp tmp
documentation docs doc manual
executable binary exe
library lib libs
argument arg args parameter param params
number num
maximum max
minimum min
specific specified particular
synchronize sync
utility util utils tool
statistics stats
attribute attr attrs
extension ext
version ver
reference ref refs
previous prev last
source src
destination dest target
delete remove erase rm
kill terminate
stop halt end
start launch begin
run execute exec
show display print view list see
find search locate lookup
create make generate new
change modify edit alter set
copy duplicate cp
move mv relocate
rename ren
download fetch retrieve
upload send
restore recover undelete
undo revert reverse
compress shrink pack zip squeeze
decompress extract unpack unzip uncompress
archive tarball
check verify validate test
compare diff difference differences
combine merge join concatenate concat
split divide
count tally
error failure fail failed problem
computer machine
disk drive storage volume
partition slice
internet network net
website site webpage web
address addr
boot startup
shutdown poweroff
restart reboot
user account
permission permissions access rights privilege privileges
owner ownership
empty blank
line row lines rows
column field columns fields
text string
replace substitute
size space
big large huge
small little tiny
fast quick speed
slow sluggish
encrypt encryption cipher
decrypt decryption
schedule scheduled periodically
hidden dotfile invisible
screenshot screencap screengrab
record capture
convert transform
resize scale
clipboard paste
terminal console shell
command cmd
mac macos osx
windows win
python py
javascript js
typescript ts
postgres postgresql psql pg
mysql mariadb
mongo mongodb
aws amazon
gcp gcloud google
azure az
ip ipv4 ipv6
dns nameserver resolver
ssl tls https
usb flash thumbdrive
timezone tz
log logs journal
folder directory
latest newest recent
oldest earliest
duplicate duplicates dupes
traffic bandwidth
speed throughput bandwidth
`;

/** Folded word → the other words of its groups. */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, Set<string>>();
  for (const line of GROUPS.split('\n')) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    for (const w of words) {
      let set = out.get(w);
      if (!set) out.set(w, (set = new Set()));
      for (const other of words) if (other !== w) set.add(other);
    }
  }
  return new Map([...out].map(([w, set]) => [w, [...set]]));
})();
