/** `help [topic]`: short, useful help for the practice shell. */

const GENERAL = `k8s-drill: a practice shell for Docker and Kubernetes.
Type real docker, kubectl and minikube commands; they run against a simulated Docker engine and a
simulated Kubernetes v1.33 cluster (nothing runs on your machine, nothing touches the network).
Your files are your real working folder: \`kubectl get deploy web -o yaml > web.yaml\` writes web.yaml.

Programs:   docker  kubectl (alias k)  minikube  curl  wget
Text tools: grep head tail wc sort uniq cut tr awk sed xargs base64 jq tee column paste diff rev
Files:      ls cat cd pwd find mkdir touch rm cp mv echo printf sha256sum
Shell:      help history alias unalias export env sleep watch date seq clear exit

The shell language: quotes, $VAR, $(...), pipes, && ||, ; , > >> 2>&1, <<EOF heredocs,
for/while/if, brace expansion (nginx{1..3}). \`sleep 30\` moves the simulated clock instead of waiting.

Topics: help shell | help docker | help kubectl | help tips
`;

const TOPICS: Record<string, string> = {
  shell: `The shell language (a practical subset of bash):
  words        'single' "double $VAR" back\\slash   # comments
  variables    X=1; export X=$(kubectl get pods -o name); echo \${X:-default} $? $((1+2))
  lists        a; b    a && b    a || b    a | b    ! a
  redirects    > file   >> file   2> file   2>&1   &> file   < file   > /dev/null
  heredocs     kubectl apply -f - <<EOF ... EOF   (<<'EOF' no expansion, <<-EOF strips tabs, <<< word)
  loops        for i in 1 2 3; do echo $i; done      while read l; do ...; done < file
  tests        if [ -f web.yaml ]; then ...; elif [ "$a" = b ]; then ...; else ...; fi
  braces       kubectl delete pod nginx{1..3}     echo {a,b}.yaml
  more         functions f() { ...; }, case ... esac, arrays a=(x y) "\${a[@]}", $(( )), <(...), time
Loops stop after 10,000 iterations; nothing runs forever. A trailing & runs in the foreground.
`,
  docker: `docker: the Docker CLI against a simulated engine. Try:
  docker run -d --name web -p 8080:80 nginx     docker ps     docker logs web
  docker exec -it web sh                         docker images docker rm -f web
  docker build -t myapp .                        docker --help
`,
  kubectl: `kubectl: the Kubernetes CLI against a simulated v1.33 cluster (alias k). Try:
  kubectl get nodes      kubectl run nginx --image=nginx      kubectl get pods -o wide
  kubectl create deployment web --image=nginx --replicas=3    kubectl expose deploy web --port=80
  kubectl create deploy web --image=nginx --dry-run=client -o yaml > web.yaml; kubectl apply -f web.yaml
  kubectl explain pod.spec     kubectl --help
`,
  tips: `Tips:
  - Generate YAML instead of writing it: kubectl run/create ... --dry-run=client -o yaml > file.yaml
  - k is an alias for kubectl; add your own: alias kgp='kubectl get pods'
  - export do="--dry-run=client -o yaml"  then  k run nginx --image=nginx $do
  - Time is simulated: sleep 60 lets a minute pass at once (rollouts, restarts, jobs).
  - history shows what you typed; clear clears the screen; exit leaves.
`,
};

export function helpText(topic?: string): { ok: boolean; text: string } {
  if (topic === undefined) return { ok: true, text: GENERAL };
  const t = TOPICS[topic];
  if (t) return { ok: true, text: t };
  return { ok: false, text: `k8s-drill: help: no help topics match \`${topic}'. Topics: ${Object.keys(TOPICS).join(', ')}\n` };
}
