# bash completion for planconv
_planconv() {
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "convert validate lint schema formats --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -f|--from|-t|--to)
            COMPREPLY=($(compgen -W "$(planconv formats 2>/dev/null | awk 'NR > 1 {print $1}')" -- "$cur"))
            return ;;
        -k|--kind)
            COMPREPLY=($(compgen -W "$(planconv schema list 2>/dev/null | awk '{print $1}') table" -- "$cur"))
            return ;;
        --encoding)
            COMPREPLY=($(compgen -W "utf-8 cp932 shift_jis euc-jp" -- "$cur"))
            return ;;
        --as)
            COMPREPLY=($(compgen -W "table-schema json-schema xsd markdown" -- "$cur"))
            return ;;
        --format|--log-format)
            COMPREPLY=($(compgen -W "text json" -- "$cur"))
            return ;;
        -O|--output-dir)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        -j|--jobs)
            COMPREPLY=($(compgen -W "1 2 4 $(nproc 2>/dev/null)" -- "$cur"))
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(planconv "$cmd" --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)" -- "$cur"))
    elif [ "$cmd" = schema ] && [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "list show" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _planconv planconv
