/**
 * Base operating-system filesystems for catalog images (busybox, alpine, debian, ubuntu), as plain FsLayers.
 * Programs are empty files in the usual folders so `ls /bin`, `which` and "executable file not found" agree.
 */
import type { FsLayer } from './contract.js';

export type Flavor = 'busybox' | 'alpine' | 'debian';

export interface OsInfo {
  id: string;
  flavor: Flavor;
  prettyName: string;
  osRelease: string | null;
  /** the base layer's `docker history` line and size */
  baseCreatedBy: string;
  baseComment: string;
  baseSize: number;
  baseCmd: string[];
}

const BUSYBOX_APPLETS = `[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ash awk base32 base64 basename bc beep blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat chattr chgrp chmod chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crc32 crond crontab cryptpw cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir envuidgid ether-wake expand expr factor fakeidentd fallocate false fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find findfs flock fold free freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getopt getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill killall killall5 klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs makemime man md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd nuke od openvt partprobe passwd paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile realpath reboot reformime remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake run-init run-parts runlevel runsv runsvdir rx script scriptreplay sed seedrng sendmail seq setarch setconsole setfattr setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum sha256sum sha3sum sha384sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split ssl_client start-stop-daemon stat strings stty su sulogin sum sv svc svlogd svok swapoff swapon switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp tftpd time timeout top touch tr traceroute traceroute6 tree true truncate ts tsort tty ttysize tunctl ubiattach ubidetach ubimkvol ubirename ubirmvol ubirsvol ubiupdatevol udhcpc udhcpc6 udhcpd udpsvd uevent umount uname unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime users usleep uudecode uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip`.split(' ');

const ALPINE_BIN = `arch ash base64 bbconfig busybox cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo ed egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync tar touch true umount uname usleep watch zcat`.split(' ');
const ALPINE_USR_BIN = `[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor fallocate find flock fold free fuser getconf getent groups hd head hexdump hostid iconv id install ipcrm ipcs killall last ldd less logger lsof lsusb lzcat lzma md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt paste pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize scanelf seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf sort split ssl_client strings sum tac tail tee test time timeout top tr traceroute traceroute6 tree truncate tty ttysize udhcpc6 unexpand uniq unlink unlzma unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who whoami whois xargs xxd xzcat yes`.split(' ');
const ALPINE_SBIN = `acpid adjtimex apk arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd ldconfig loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkmntdirs mkswap modinfo modprobe nameif nologin pivot_root poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog`.split(' ');

const DEBIAN_BIN = `[ addpart apt apt-cache apt-cdrom apt-config apt-get apt-key apt-mark arch awk b2sum base32 base64 basename basenc bash bashbug captoinfo cat chage chattr chcon chfn chgrp chmod choom chown chrt chsh chroot cksum clear clear_console cmp comm cp csplit cut dash date dd debconf deb-systemd-helper delpart df diff diff3 dir dircolors dirname dmesg dnsdomainname domainname dpkg dpkg-deb dpkg-divert dpkg-query dpkg-split dpkg-statoverride dpkg-trigger du echo egrep env expand expiry expr factor fallocate false fgrep find findmnt flock fmt fold getconf getent getopt gpasswd gpgv grep groups gunzip gzexe gzip head hostid hostname iconv id infocmp infotocap install ionice ipcmk ipcrm ipcs join kill last lastb lastlog ldd link linux32 linux64 ln locale localedef logger login logname ls lsblk lscpu lsipc lslocks lslogins lsmem lsns mawk mcookie md5sum mesg mkdir mkfifo mknod mktemp more mount mountpoint mv namei nawk newgrp nice nisdomainname nl nohup nproc nsenter numfmt od pager partx passwd paste pathchk perl pinky pldd pr printenv printf prlimit ptx pwd rbash readlink realpath renice reset rev rgrep rm rmdir run-parts runcon savelog script scriptlive scriptreplay sdiff sed seq setarch setpriv setsid setterm sg sh sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf sleep sort split stat stdbuf stty su sum sync tabs tac tail taskset tee tempfile test tic timeout toe touch tput tr true truncate tset tsort tty tzselect uclampset umount uname uncompress unexpand uniq unlink unshare update-alternatives users utmpdump vdir wall wc wdctl whereis which who whoami xargs yes ypdomainname zcat zcmp zdiff zegrep zfgrep zforce zgrep zless zmore znew`.split(' ');
const DEBIAN_SBIN = `agetty badblocks blkdiscard blkid blkzone blockdev chcpu chpasswd chroot ctrlaltdel debugfs delgroup deluser dpkg-preconfigure dpkg-reconfigure e2fsck fdisk findfs fsck fsfreeze fstrim getty groupadd groupdel groupmod grpck halt hwclock init installkernel invoke-rc.d isosize killall5 ldconfig losetup mke2fs mkfs mkhomedir_helper mkswap newusers nologin pam-auth-update pivot_root poweroff pwck pwconv reboot rmt runuser service sfdisk shadowconfig shutdown start-stop-daemon sulogin swapoff swapon switch_root sysctl tune2fs update-passwd useradd userdel usermod wipefs zramctl`.split(' ');
const PROCPS = ['free', 'kill', 'pgrep', 'pidwait', 'pkill', 'pmap', 'ps', 'pwdx', 'skill', 'slabtop', 'snice', 'tload', 'top', 'uptime', 'vmstat', 'w', 'watch'];

const PASSWD_BUSYBOX = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;
const PASSWD_ALPINE = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;
const PASSWD_DEBIAN = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
const GROUP_DEBIAN = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;
const GROUP_BUSYBOX = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nobody:x:65534:
`;

const OS: Record<string, Omit<OsInfo, 'id'>> = {
  busybox: {
    flavor: 'busybox',
    prettyName: 'BusyBox',
    osRelease: null,
    baseCreatedBy: 'BusyBox 1.37.0 (glibc), Debian 13',
    baseComment: '',
    baseSize: 4_270_000,
    baseCmd: ['sh'],
  },
  ...Object.fromEntries(
    (
      [
        ['3.22', '3.22.2', 8_310_000],
        ['3.21', '3.21.5', 7_830_000],
        ['3.20', '3.20.8', 7_800_000],
        ['3.19', '3.19.9', 7_380_000],
        ['3.18', '3.18.12', 7_330_000],
        ['3.17', '3.17.10', 7_050_000],
        ['3.16', '3.16.9', 5_540_000],
        ['3.15', '3.15.11', 5_590_000],
        ['3.14', '3.14.10', 5_600_000],
        ['3.12', '3.12.12', 5_580_000],
        ['3.9', '3.9.6', 5_530_000],
        ['3.4', '3.4.6', 4_810_000],
      ] as const
    ).map(([minor, full, size]) => [
      `alpine:${minor}`,
      {
        flavor: 'alpine' as const,
        prettyName: `Alpine Linux v${minor}`,
        osRelease: `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${full}\nPRETTY_NAME="Alpine Linux v${minor}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
        baseCreatedBy: `ADD alpine-minirootfs-${full}-x86_64.tar.gz / # buildkit`,
        baseComment: 'buildkit.dockerfile.v0',
        baseSize: size,
        baseCmd: ['/bin/sh'],
      },
    ]),
  ),
  ...Object.fromEntries(
    (
      [
        ['13', 'trixie', 78_600_000, '1763337600'],
        ['12', 'bookworm', 74_800_000, '1763337600'],
        ['11', 'bullseye', 80_600_000, '1763337600'],
        ['10', 'buster', 69_200_000, '1719792000'],
        ['9', 'stretch', 55_300_000, '1688169600'],
        ['8', 'jessie', 123_000_000, '1585699200'],
      ] as const
    ).map(([v, code, size, epoch]) => [
      `debian:${v}`,
      {
        flavor: 'debian' as const,
        prettyName: `Debian GNU/Linux ${v} (${code})`,
        osRelease: `PRETTY_NAME="Debian GNU/Linux ${v} (${code})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${v}"\nVERSION="${v} (${code})"\nVERSION_CODENAME=${code}\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
        baseCreatedBy: `# debian.sh --arch 'amd64' out/ '${code}' '@${epoch}'`,
        baseComment: 'debuerreotype 0.16',
        baseSize: size,
        baseCmd: ['bash'],
      },
    ]),
  ),
  ...Object.fromEntries(
    (
      [
        ['24.04', '24.04.3 LTS', 'Noble Numbat', 'noble', 78_100_000],
        ['22.04', '22.04.5 LTS', 'Jammy Jellyfish', 'jammy', 77_900_000],
        ['20.04', '20.04.6 LTS', 'Focal Fossa', 'focal', 72_800_000],
        ['18.04', '18.04.6 LTS', 'Bionic Beaver', 'bionic', 63_100_000],
        ['16.04', '16.04.7 LTS', 'Xenial Xerus', 'xenial', 135_000_000],
        ['14.04', '14.04.6 LTS', 'Trusty Tahr', 'trusty', 197_000_000],
      ] as const
    ).map(([v, full, name, code, size]) => [
      `ubuntu:${v}`,
      {
        flavor: 'debian' as const,
        prettyName: `Ubuntu ${full}`,
        osRelease: `PRETTY_NAME="Ubuntu ${full}"\nNAME="Ubuntu"\nVERSION_ID="${v}"\nVERSION="${full} (${name})"\nVERSION_CODENAME=${code}\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=${code}\nLOGO=ubuntu-logo\n`,
        baseCreatedBy: `/bin/sh -c #(nop) ADD file:${hashish(code)} in / `,
        baseComment: '',
        baseSize: size,
        baseCmd: ['/bin/bash'],
      },
    ]),
  ),
  /** Images built FROM scratch: nothing but their own files. */
  scratch: { flavor: 'busybox', prettyName: '', osRelease: null, baseCreatedBy: '', baseComment: '', baseSize: 0, baseCmd: [] },
};

/** A stable pseudo-hash for display-only strings (not crypto). */
function hashish(s: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < s.length; i++) h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619) >>> 0;
    h1 = Math.imul(h1 ^ round, 16777619) >>> 0;
    out += h1.toString(16).padStart(8, '0');
  }
  return out;
}

export function osInfo(id: string): OsInfo {
  const o = OS[id] ?? OS['debian:12']!;
  return { id: OS[id] ? id : 'debian:12', ...o };
}

const EXE = (): { type: 'file'; content: string; mode: number } => ({ type: 'file', content: '', mode: 0o755 });
const DIR = { type: 'dir' as const, mode: 0o755 };

const fsCache = new Map<string, FsLayer>();

/** The base layer of an OS (cached; never mutate it). */
export function osLayer(id: string): FsLayer {
  const cached = fsCache.get(id);
  if (cached) return cached;
  const os = osInfo(id);
  const l: FsLayer = {};
  if (id === 'scratch') {
    fsCache.set(id, l);
    return l;
  }
  const dirs = (names: string[]) => names.forEach((d) => (l[d] = { ...DIR }));
  if (os.flavor === 'busybox') {
    dirs(['/bin', '/dev', '/etc', '/etc/network', '/home', '/lib', '/lib64', '/proc', '/root', '/sys', '/tmp', '/usr', '/usr/sbin', '/var', '/var/spool', '/var/spool/mail', '/var/www']);
    for (const a of BUSYBOX_APPLETS) l[`/bin/${a}`] = EXE();
    l['/etc/passwd'] = { type: 'file', content: PASSWD_BUSYBOX };
    l['/etc/group'] = { type: 'file', content: GROUP_BUSYBOX };
    l['/etc/shadow'] = { type: 'file', content: 'root:*:10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\nsync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n', mode: 0o600 };
    l['/etc/nsswitch.conf'] = { type: 'file', content: 'hosts:\t\tfiles dns\nnetworks:\tfiles\n' };
    l['/etc/localtime'] = { type: 'file', content: 'TZif2' };
  } else if (os.flavor === 'alpine') {
    dirs(['/bin', '/dev', '/etc', '/etc/apk', '/etc/profile.d', '/home', '/lib', '/lib/apk', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/cache', '/var/log', '/var/tmp', '/var/lib']);
    for (const a of ALPINE_BIN) l[`/bin/${a}`] = EXE();
    for (const a of ALPINE_USR_BIN) l[`/usr/bin/${a}`] = EXE();
    for (const a of ALPINE_SBIN) l[`/sbin/${a}`] = EXE();
    l['/etc/os-release'] = { type: 'file', content: os.osRelease! };
    l['/etc/alpine-release'] = { type: 'file', content: /VERSION_ID=(\S+)/.exec(os.osRelease!)![1] + '\n' };
    l['/etc/passwd'] = { type: 'file', content: PASSWD_ALPINE };
    l['/etc/group'] = { type: 'file', content: GROUP_BUSYBOX };
    l['/etc/shells'] = { type: 'file', content: '# valid login shells\n/bin/sh\n/bin/ash\n' };
    l['/etc/profile'] = { type: 'file', content: 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n' };
    l['/etc/apk/repositories'] = { type: 'file', content: `https://dl-cdn.alpinelinux.org/alpine/v${id.split(':')[1]}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${id.split(':')[1]}/community\n` };
    l['/etc/apk/world'] = { type: 'file', content: 'alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n' };
  } else {
    const ubuntu = id.startsWith('ubuntu');
    // usrmerge: /bin, /sbin, /lib are links into /usr (bookworm, ubuntu 20.04+)
    dirs(['/boot', '/dev', '/etc', '/etc/apt', '/etc/apt/sources.list.d', '/home', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/share', '/var', '/var/cache', '/var/lib', '/var/lib/apt', '/var/lib/apt/lists', '/var/log', '/var/tmp', '/var/mail', '/var/spool']);
    l['/bin'] = { type: 'symlink', target: 'usr/bin' };
    l['/sbin'] = { type: 'symlink', target: 'usr/sbin' };
    l['/lib'] = { type: 'symlink', target: 'usr/lib' };
    l['/lib64'] = { type: 'symlink', target: 'usr/lib64' };
    l['/usr/lib64'] = { ...DIR };
    for (const a of DEBIAN_BIN) l[`/usr/bin/${a}`] = EXE();
    for (const a of DEBIAN_SBIN) l[`/usr/sbin/${a}`] = EXE();
    if (ubuntu) for (const a of PROCPS) l[`/usr/bin/${a}`] = EXE();
    l['/etc/os-release'] = { type: 'file', content: os.osRelease! };
    l['/usr/lib/os-release'] = { type: 'file', content: os.osRelease! };
    if (!ubuntu) l['/etc/debian_version'] = { type: 'file', content: ({ '13': '13.2', '12': '12.12', '11': '11.11', '10': '10.13', '9': '9.13', '8': '8.11' } as Record<string, string>)[id.split(':')[1]!] + '\n' };
    else l['/etc/debian_version'] = { type: 'file', content: 'trixie/sid\n' };
    l['/etc/passwd'] = { type: 'file', content: PASSWD_DEBIAN };
    l['/etc/group'] = { type: 'file', content: GROUP_DEBIAN };
    l['/etc/shells'] = { type: 'file', content: '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/bin/dash\n/usr/bin/dash\n' };
    l['/etc/bash.bashrc'] = { type: 'file', content: '# System-wide .bashrc file for interactive bash(1) shells.\n' };
    l['/root/.bashrc'] = { type: 'file', content: '# ~/.bashrc: executed by bash(1) for non-login shells.\n' };
    l['/root/.profile'] = { type: 'file', content: '# ~/.profile: executed by Bourne-compatible login shells.\n' };
  }
  // files of a base image carry the time the OS tree was built (ls -l, Last-Modified)
  const built = OS_BUILT[id.split(':')[0]!] ?? Date.parse('2025-10-08T00:00:00Z');
  for (const n of Object.values(l)) if (n.type === 'file' || n.type === 'dir') n.mtime ??= built;
  fsCache.set(id, l);
  return l;
}

const OS_BUILT: Record<string, number> = {
  busybox: Date.parse('2024-09-26T21:31:42Z'),
  alpine: Date.parse('2025-10-08T11:04:56Z'),
  debian: Date.parse('2025-11-17T00:00:00Z'),
  ubuntu: Date.parse('2025-10-13T16:11:30Z'),
};
